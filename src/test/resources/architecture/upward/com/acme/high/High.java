package com.acme.high;

import com.acme.low.Low;
import java.util.List;

public class High {
    List<Low> lows;
}
