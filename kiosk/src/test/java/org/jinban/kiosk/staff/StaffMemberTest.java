package org.jinban.kiosk.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class StaffMemberTest {
    @Test
    void toStringMasksTheName() {
        StaffMember m = new StaffMember("S001", "王芳");
        assertEquals("StaffMember[id=S001, name=王*]", m.toString());
        assertFalse(new StaffMember("S002", "欧阳小明").toString().contains("小明"));
    }

    @Test
    void theNameIsStillThereForTheScreenToMask() {
        assertEquals("王芳", new StaffMember("S001", "王芳").name());
    }
}
