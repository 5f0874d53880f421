/**
 * Tuple-space classifier: {@link io.jvswitch.flowtable.classifier.Classifier} publishes immutable
 * {@link io.jvswitch.flowtable.classifier.ClassifierVersion}s of 255 tables, each a
 * {@link io.jvswitch.flowtable.classifier.TupleSpace} of per-mask
 * {@link io.jvswitch.flowtable.classifier.Subtable}s.
 */
package io.jvswitch.flowtable.classifier;
