export * from './chart';
export * from './settings';
export * from './resolve';
export * from './scheduler-config';
export * from './scheduler-derive';
export * from './values';
export * from './validate';
export * from './release';
