// What `testbed up --components` can start (light: the command's options need it before anything
// heavy is loaded).
export type Component = 'control-plane' | 'node' | 'kube-router';
export const ALL_COMPONENTS: readonly Component[] = ['control-plane', 'node', 'kube-router'];
