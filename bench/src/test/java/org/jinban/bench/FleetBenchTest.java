package org.jinban.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The readings the fleet benchmark takes of the hub process, and its rule for "kept up". */
class FleetBenchTest {

    @Test
    void cpuTicksAreUtimePlusStimeEvenWhenTheCommandNameHasSpacesAndParentheses() {
        String stat = "631 (java (hub) x) S 1 631 1 0 -1 4194304 26466 0 2 0 1234 567 0 0 20 0 41 0 58120 3546300416";
        assertEquals(1234 + 567, HubProcess.parseCpuTicks(stat));
    }

    @Test
    void thePeakHeapIsTheLargestBeforeFigureOfTheGcLog() {
        String log = """
                [0.012s][info][gc] Using G1
                [1.100s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(34M) 4.1ms
                [5.303s][info][gc] GC(4) Concurrent Mark Cycle 39.763ms
                [8.205s][info][gc] GC(5) Pause Young (Prepare Mixed) (G1 Evacuation Pause) 123M->8M(256M) 14.7ms
                [9.000s][info][gc] GC(6) Pause Full (System.gc()) 60M->7M(256M) 30.0ms
                """;
        assertEquals(123, HubProcess.peakFromGcLog(log));
        assertEquals(0, HubProcess.peakFromGcLog("[0.012s][info][gc] Using G1\n"));
    }

    @Test
    void heapInUseIsReadFromTheHeapLineOfGcHeapInfo() {
        String info = """
                631:
                garbage-first heap   total reserved 524288K, committed 34816K, used 25194K [0x00000000e0000000, 0x0000000100000000)
                 region size 1024K, 18 young (18432K), 1 survivors (1024K)
                 Metaspace       used 20480K, committed 20992K, reserved 1114112K
                """;
        assertEquals(25194, HubProcess.parseHeapUsedKiB(info));
        assertThrows(IllegalStateException.class, () -> HubProcess.parseHeapUsedKiB("631:\nno such pid\n"));
    }

    @Test
    void aSizeKeepsUpOnlyWithEveryKioskServedAndP99WithinTarget() {
        assertNull(step(1000, 1000, 0, 0, 0, 420).shortfall());
        assertEquals("p99 501 ms > 500 ms", step(1000, 1000, 0, 0, 0, 501).shortfall());
        assertEquals("3 kiosks not welcomed", step(1000, 997, 0, 0, 0, 100).shortfall());
        assertEquals("2 disconnects", step(1000, 1000, 0, 2, 0, 100).shortfall());
        assertEquals("1 protocol errors", step(1000, 1000, 1, 0, 0, 100).shortfall());
        assertEquals("5 status changes not applied in time", step(1000, 1000, 0, 0, 5, 100).shortfall());
        assertEquals("the run broke off: x", FleetBench.Step.failed(1000, "the run broke off: x").shortfall());
    }

    @Test
    void trackingNumbersAreUniqueAcrossTheFleet() {
        assertEquals("FLEET-000042-0", Fleet.trackingNo(Fleet.kioskId(42), 0));
        assertEquals(List.of("K-FLEET-000000", "K-FLEET-999999"), List.of(Fleet.kioskId(0), Fleet.kioskId(999_999)));
    }

    private static FleetBench.Step step(int kiosks, int welcomed, int errors, int disconnects, int missing, double p99) {
        double[] samples = new double[10];
        java.util.Arrays.fill(samples, 50);
        samples[9] = p99;
        Stats push = Stats.of(samples);
        return new FleetBench.Step(kiosks, welcomed, 1, 1, push, push, missing, 1, 10, 10, 100, 50, 50, 500, 40, 20,
                100, 0, 150, errors, disconnects, false, List.of(), null);
    }
}
