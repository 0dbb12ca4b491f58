export * from './common';
export * from './hyperparameters';
export * from './dataset';
export * from './architecture';
export * from './experiment';
export * from './progress';
export * from './jobs';
