import * as tf from '@tensorflow/tfjs';

// Unit tests run on the pure-JS CPU backend unless a test asks for another. (Leaks are checked
// with tf.memory() in the trainer tests; tfjs's IS_TEST kernel check misreads customGrad's saves.)
await tf.setBackend('cpu');
