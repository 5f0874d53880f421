package io.jvswitch.flowtable.text;

import io.jvswitch.flowtable.match.Match;
import io.jvswitch.flowtable.match.MatchField;
import io.jvswitch.flowtable.match.Prerequisite;

import java.util.function.Predicate;

/**
 * A prerequisite as the text layer checks it for one keyword the user typed: the model's
 * {@link Prerequisite}, or a narrower one for the protocol-specific port names ({@code udp_dst} needs UDP,
 * not just any transport), with the phrase used in the error.
 */
record Requirement(String description, Predicate<Match> test) {

    static Requirement of(Prerequisite p) {
        return new Requirement(p.description(), p::isSatisfiedBy);
    }

    static Requirement protocol(String description, int proto) {
        return new Requirement(description, m -> m.isExact(MatchField.DL_TYPE)
                && (m.value(MatchField.DL_TYPE) == Prerequisite.ETH_IPV4
                        || m.value(MatchField.DL_TYPE) == Prerequisite.ETH_IPV6)
                && m.isExact(MatchField.NW_PROTO) && m.value(MatchField.NW_PROTO) == proto);
    }

    static final Requirement TCP = protocol("tcp or tcp6 (nw_proto=6 with ip or ipv6)", Prerequisite.PROTO_TCP);
    static final Requirement UDP = protocol("udp or udp6 (nw_proto=17 with ip or ipv6)", Prerequisite.PROTO_UDP);
    static final Requirement SCTP = protocol("sctp or sctp6 (nw_proto=132 with ip or ipv6)",
            Prerequisite.PROTO_SCTP);

    boolean isSatisfiedBy(Match m) {
        return test.test(m);
    }
}
