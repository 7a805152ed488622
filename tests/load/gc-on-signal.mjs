// Preloaded into the API process by the load test only (NODE_OPTIONS=--import): on SIGUSR2 it
// runs a full garbage collection, so the memory measured afterwards is what the process keeps,
// not garbage that happened not to be collected yet.
import v8 from 'node:v8';
import vm from 'node:vm';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
process.on('SIGUSR2', () => {
  gc();
  gc();
});
