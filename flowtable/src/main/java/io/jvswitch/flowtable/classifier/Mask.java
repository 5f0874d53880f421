package io.jvswitch.flowtable.classifier;

import io.jvswitch.flowtable.match.FlowKey;
import io.jvswitch.flowtable.match.Match;

import java.util.Arrays;

/** An immutable set of mask words: the identity of a {@link Subtable}. Usable as a map key. */
public final class Mask {
    private final long[] words;
    private final int hash;

    private Mask(long[] words) {
        this.words = words;
        this.hash = Arrays.hashCode(words);
    }

    /** The mask of {@code match}. */
    public static Mask of(Match match) {
        return new Mask(match.maskWords());
    }

    /** A mask from {@link FlowKey#WORDS} words (copied). */
    public static Mask ofWords(long[] words) {
        if (words.length != FlowKey.WORDS) {
            throw new IllegalArgumentException("a mask has " + FlowKey.WORDS + " words");
        }
        return new Mask(words.clone());
    }

    /** Mask word {@code i}. */
    public long word(int i) {
        return words[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mask && hash == ((Mask) o).hash && Arrays.equals(words, ((Mask) o).words);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Mask[");
        for (int i = 0; i < words.length; i++) {
            sb.append(i == 0 ? "" : ",").append(Long.toHexString(words[i]));
        }
        return sb.append(']').toString();
    }
}
