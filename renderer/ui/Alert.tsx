import type { ReactNode } from 'react';

export interface AlertProps {
  children: ReactNode;
  /** Buttons that act on the problem; kept outside the live region so it reads only the words. */
  actions?: ReactNode;
}

export function Alert({ children, actions }: AlertProps) {
  return (
    <div className="alert">
      <div role="alert" className="alert-text">
        {children}
      </div>
      {actions === undefined ? null : <div className="alert-actions">{actions}</div>}
    </div>
  );
}
