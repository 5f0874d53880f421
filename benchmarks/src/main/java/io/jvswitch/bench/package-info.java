/** JMH benchmarks; run with java -jar benchmarks/target/benchmarks.jar. */
package io.jvswitch.bench;
