export * from './settings';
export * from './methods';
export * from './migrate';
