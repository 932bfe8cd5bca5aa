export * from './settings';
export * from './methods';
