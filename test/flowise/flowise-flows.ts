// A flow that answers without any model, in the shape each Flowise line runs: from 3.0.0 an
// agentflow (Start → Direct Reply); on 2.x, whose agentflows need a model, one Custom JS Function
// node marked as the ending node, returning the reply.
import type { FlowiseGeneration } from '../../main/core/flowise/generation.js';
import { directReplyFlow } from '../fakes/fake-flowise-state.js';

export interface FlowBody {
  type: string;
  flowData: string;
}

export function customFunctionFlow(reply: string): string {
  const id = 'customFunction_0';
  return JSON.stringify({
    nodes: [
      {
        id,
        type: 'customNode',
        position: { x: 0, y: 0 },
        data: {
          id,
          name: 'customFunction',
          label: 'Custom JS Function',
          version: 3,
          type: 'CustomFunction',
          category: 'Utilities',
          baseClasses: ['CustomFunction', 'Utilities'],
          inputs: {
            functionInputVariables: '',
            functionName: '',
            javascriptFunction: `return ${JSON.stringify(reply)};`,
          },
          outputs: { output: 'EndingNode' },
          inputParams: [],
          inputAnchors: [],
          outputAnchors: [],
        },
      },
    ],
    edges: [],
  });
}

export function answeringFlow(generation: FlowiseGeneration, reply: string): FlowBody {
  return generation === '2.0.6-3.0.0'
    ? { type: 'CHATFLOW', flowData: customFunctionFlow(reply) }
    : { type: 'AGENTFLOW', flowData: directReplyFlow(reply) };
}
