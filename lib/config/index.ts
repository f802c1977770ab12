export * from './model';
export * from './defaults';
export * from './quantity';
export * from './problems';
export * from './resolve';
export * from './validate';
export * from './override';
export * from './registry';
