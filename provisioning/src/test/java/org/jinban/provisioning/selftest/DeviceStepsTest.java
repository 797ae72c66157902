package org.jinban.provisioning.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jinban.devices.idcard.IdCardSamples;
import org.jinban.devices.printer.PrintedReceipt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeviceStepsTest {
    private Fixtures f;

    @AfterEach
    void close() {
        if (f != null) {
            f.rig.close();
        }
    }

    @Test
    void aReadyPrinterPrintsTheNonceAsAQrCodeAndPasses() {
        f = Fixtures.simulated();
        StepResult result = new PrinterStep().run(f.context);
        assertEquals(StepResult.Outcome.PASS, result.outcome(), result.detail());
        assertEquals("printed; printer status: ready", result.detail());
        PrintedReceipt job = f.simulation().printer().receipts().getFirst();
        assertEquals(List.of(f.context.nonce), job.qrPayloads());
        assertTrue(job.isCut());
    }

    @Test
    void paperNearEndPrintsButFailsWithThePrintersWords() {
        f = Fixtures.simulated();
        f.simulation().printer().paperNearEnd(true);
        StepResult result = new PrinterStep().run(f.context);
        assertEquals(StepResult.Outcome.FAIL, result.outcome());
        assertTrue(result.detail().contains("printer status: paper near end"), result.detail());
        assertEquals(1, f.simulation().printer().receipts().size());
    }

    @Test
    void aPrinterWithoutPaperIsNotSentTheJob() {
        f = Fixtures.simulated();
        f.simulation().printer().paperEnd(true);
        StepResult result = new PrinterStep().run(f.context);
        assertEquals(StepResult.Outcome.FAIL, result.outcome());
        assertTrue(result.detail().startsWith("nothing printed: paper end"), result.detail());
        assertTrue(f.simulation().printer().receipts().isEmpty());
        assertEquals(SelftestContext.ReceiptState.FAILED, f.context.receipt);
    }

    @Test
    void aSilentPrinterIsUnknownNotReadyUnlessTheTechnicianAcceptsIt() {
        f = Fixtures.simulated();
        f.simulation().printer().answersStatus(false);
        StepResult strict = new PrinterStep().run(f.context);
        assertEquals(StepResult.Outcome.FAIL, strict.outcome());
        assertTrue(strict.detail().contains("printer status unknown"), strict.detail());
        f.rig.close();

        f = Fixtures.simulated(null, true);
        f.simulation().printer().answersStatus(false);
        StepResult accepted = new PrinterStep().run(f.context);
        assertEquals(StepResult.Outcome.PASS, accepted.outcome(), accepted.detail());
        assertTrue(accepted.detail().contains("--accept-silent-printer"), accepted.detail());
    }

    @Test
    void theScannerStepPrintsItsOwnReceiptWhenThePrinterStepDidNotRun() throws Exception {
        f = Fixtures.simulated();
        StepResult result = new ScannerStep().run(f.context);
        assertEquals(StepResult.Outcome.PASS, result.outcome(), result.detail());
        assertEquals(1, f.simulation().printer().receipts().size());
    }

    @Test
    void aScanThatTimesOutFailsAndSaysSo() throws Exception {
        f = Fixtures.simulated(new UnattendedOperator(), false);
        new PrinterStep().run(f.context);
        StepResult result = new ScannerStep().run(f.context);
        assertEquals(StepResult.Outcome.FAIL, result.outcome());
        assertEquals("nothing scanned within 2 s", result.detail());
    }

    @Test
    void theCardStepShowsOnlyTheValidityMonth() throws Exception {
        f = Fixtures.simulated();
        StepResult result = new IdCardStep().run(f.context);
        assertEquals(StepResult.Outcome.PASS, result.outcome(), result.detail());
        var card = IdCardSamples.testSample();
        assertEquals("read ok, card valid to " + java.time.YearMonth.from(card.validTo().orElseThrow()), result.detail());
        assertFalse(f.printed.toString().contains(card.name()));
        assertEquals("card valid long-term (长期)", IdCardStep.validity(IdCardSamples.longTermSample()));
    }

    @Test
    void noCardWithinTheWaitFails() throws Exception {
        f = Fixtures.simulated(new UnattendedOperator(), false);
        StepResult result = new IdCardStep().run(f.context);
        assertEquals(StepResult.Outcome.FAIL, result.outcome());
        assertTrue(result.detail().startsWith("no card read within 2 s"), result.detail());
    }

    @Test
    void ledsPassWhenTheTechnicianSeesEachAndFailNamingTheOneNotSeen() throws Exception {
        f = Fixtures.simulated(Fixtures.console("y\nn\ny\n"), false);
        StepResult result = new LedStep().run(f.context);
        assertEquals(StepResult.Outcome.FAIL, result.outcome());
        assertEquals("amber BUSY: not lit", result.detail());
        assertEquals(List.of(false, false, false), f.rig.panel().leds());
    }

    @Test
    void unattendedLedsAndBuzzerPassOnTheReadBackAndSayNobodySawThem() throws Exception {
        f = Fixtures.simulated(new UnattendedOperator(), false);
        StepResult leds = new LedStep().run(f.context);
        assertEquals(StepResult.Outcome.PASS, leds.outcome(), leds.detail());
        assertTrue(leds.detail().contains("not seen: --unattended"), leds.detail());
        StepResult buzzer = new BuzzerStep().run(f.context);
        assertEquals(StepResult.Outcome.PASS, buzzer.outcome(), buzzer.detail());
        assertFalse(f.rig.panel().buzzing());
    }

    @Test
    void anUnansweredQuestionFailsTheStep() throws Exception {
        f = Fixtures.simulated(Fixtures.console(""), false);
        StepResult buzzer = new BuzzerStep().run(f.context);
        assertEquals(StepResult.Outcome.FAIL, buzzer.outcome());
        assertEquals("no answer within 2 s", buzzer.detail());
    }

    @Test
    void presenceAndHelpWaitForTheirInput() throws Exception {
        f = Fixtures.simulated();
        StepResult presence = new PresenceStep().run(f.context);
        assertEquals(StepResult.Outcome.PASS, presence.outcome(), presence.detail());
        assertEquals("the sensor changed to someone present", presence.detail());
        StepResult help = new HelpButtonStep().run(f.context);
        assertEquals(StepResult.Outcome.PASS, help.outcome(), help.detail());
    }

    @Test
    void noPressWithinTheWaitFails() throws Exception {
        f = Fixtures.simulated(new UnattendedOperator(), false);
        StepResult help = new HelpButtonStep().run(f.context);
        assertEquals(StepResult.Outcome.FAIL, help.outcome());
        assertEquals("no press seen within 2 s", help.detail());
    }
}
