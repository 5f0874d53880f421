package io.jvswitch.flowtable.classifier;

import io.jvswitch.flowtable.match.Match;

/** What the classifier needs of a rule: its match and priority (both fixed for the rule's life). */
public interface ClassifierRule {
    /** The rule's match. */
    Match match();

    /** The rule's priority, 0..65535; higher wins. */
    int priority();
}
