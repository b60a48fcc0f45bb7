package org.socketplayground.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The bench line without running the benchmark: a part that did not run reads n/a, never a 0 that looks like a pass. */
class BenchLineTest {

    @Test
    void everyPartRanGivesEveryFigure() {
        assertEquals("bench: ratio=0.71 recv_us=4.2/3.3 lost=0 stall_ms=73 heap_mb=59 startup_ms=2270 tcp_clients=200/200 tcp_stall_ms=306",
                BenchLine.format(List.of("udp", "memory", "tcp", "startup"), 0.7149, 4.21, 3.3, 0, 73, 59, 2270, 200, 200, 306));
    }

    @Test
    void aPartThatDidNotRunReadsNotApplicable() {
        assertEquals("bench: ratio=n/a recv_us=n/a lost=n/a stall_ms=n/a heap_mb=n/a startup_ms=n/a tcp_clients=198/200 tcp_stall_ms=41",
                BenchLine.format(List.of("tcp"), 0, 0, 0, 0, 0, 0, 0, 198, 200, 41));
        assertEquals("bench: ratio=0.93 recv_us=2.5/1.3 lost=2 stall_ms=37 heap_mb=n/a startup_ms=n/a tcp_clients=n/a tcp_stall_ms=n/a",
                BenchLine.format(List.of("udp"), 0.93, 2.5, 1.3, 2, 37, 0, 0, 0, 200, 0));
        assertEquals("bench: ratio=n/a recv_us=n/a lost=n/a stall_ms=n/a heap_mb=142 startup_ms=1240 tcp_clients=n/a tcp_stall_ms=n/a",
                BenchLine.format(List.of("memory", "startup"), 0, 0, 0, 0, 0, 142, 1240, 0, 200, 0));
    }

    @Test
    void aTableCellOfAPartThatDidNotRunReadsNotApplicable() {
        assertEquals("n/a", BenchLine.cell(List.of("udp"), "tcp", "0 ms"));
        assertEquals("0 ms", BenchLine.cell(List.of("udp", "tcp"), "tcp", "0 ms"));
    }
}
