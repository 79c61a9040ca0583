// antd's Result (with its large status illustrations) as a chunk of its own: see LazyResult.tsx.
export { Result as default } from 'antd';
