// Where the renderer is served from: the shell's protocol handler serves it there, and the preload
// and IPC refuse any other origin.

export const APP_SCHEME = 'app';
export const APP_HOST = 'flowise-key-vault';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
