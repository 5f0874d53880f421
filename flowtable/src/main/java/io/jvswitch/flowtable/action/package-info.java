/** The OpenFlow action model (executed by the datapath): {@link io.jvswitch.flowtable.action.Action}. */
package io.jvswitch.flowtable.action;
