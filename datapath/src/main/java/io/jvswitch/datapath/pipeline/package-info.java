/**
 * The lookup pipeline of the datapath: key extraction, the per-PMD
 * {@link io.jvswitch.datapath.pipeline.ExactMatchCache} and {@link io.jvswitch.datapath.pipeline.MegaflowCache},
 * the classifier, and compiling a flow's actions into the engine's
 * {@link io.jvswitch.datapath.exec.ActionProgram} ({@link io.jvswitch.datapath.pipeline.FlowCompiler}).
 * {@link io.jvswitch.datapath.pipeline.DatapathPipeline} is the PMD's batch processor; it dispatches each
 * frame to the {@link io.jvswitch.datapath.pipeline.BridgePipeline} of the bridge its input port belongs to.
 */
package io.jvswitch.datapath.pipeline;
