package com.acme.low;

// The deliberate upward import the layering test must catch: low may not import high.
import com.acme.high.High;

public class Low {
    High high;
}
