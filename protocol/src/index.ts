export * from './severity';
export * from './settings';
export * from './methods';
export * from './initialization';
export * from './migrate';
export * from './launch';
