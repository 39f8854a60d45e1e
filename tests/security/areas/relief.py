"""relief: a verified hardship file with an attachment, a program, a payment, a care service."""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile

from relief.models import (
    CareService,
    FileAttachment,
    FileState,
    HardshipFile,
    HomeVisit,
    Payment,
    ProgramKind,
    ReliefProgram,
)
from tests.security.matrix import A, Audited
from tests.security.world import LEAK

D = datetime.date

ACCESS = {
    "relief:files": A("relief.view_hardshipfile"),
    "relief:file_lookup": A("relief.view_hardshipfile", post=True),
    "relief:file_create": A("relief.add_hardshipfile"),
    "relief:file": A("relief.view_hardshipfile", "cz", pk="file"),
    "relief:file_edit": A("relief.change_hardshipfile", "cz", pk="file"),
    "relief:file_verify": A("relief.change_hardshipfile", "cz", post=True, pk="file"),
    "relief:file_refuse": A("relief.change_hardshipfile", "cz", post=True, pk="file"),
    "relief:file_exit": A("relief.change_hardshipfile", "cz", post=True, pk="file"),
    "relief:file_visit": A("relief.change_hardshipfile", "cz", post=True, pk="file"),
    "relief:file_object": A("relief.change_hardshipfile", "cz", post=True, pk="file"),
    "relief:file_correct_verified_on": A("relief.change_hardshipfile", "cz", post=True, pk="file"),
    "relief:attachment_upload": A("relief.change_hardshipfile", "cz", post=True, pk="file"),
    "relief:attachment": A("relief.view_hardshipfile", "cz", pk="attachment"),
    "relief:programs": A("relief.view_reliefprogram"),
    "relief:program_create": A("relief.add_reliefprogram"),
    "relief:program": A("relief.view_reliefprogram", "up", pk="program"),
    "relief:program_edit": A("relief.change_reliefprogram", "up_edit", pk="program"),
    "relief:payments": A("relief.view_payment"),
    "relief:payment_create": A("relief.add_payment"),
    "relief:payment": A("relief.view_payment", "cz", pk="payment"),
    "relief:payment_correct": A("relief.change_payment", "cz", post=True, pk="payment"),
    "relief:services": A("relief.view_careservice"),
    "relief:service_create": A("relief.add_careservice"),
    "relief:service_edit": A("relief.change_careservice", "cz", pk="care"),
}

AUDITED = {
    "relief.HardshipFile": Audited("file", "income_per_head", Decimal("650.00")),
    "relief.ReliefProgram": Audited("program", "budget", Decimal("20000.00")),
    "relief.Payment": Audited("payment", "cash", Decimal("450.00")),
    "relief.CareService": Audited("care", "person_times", 45),
    "relief.HomeVisit": Audited("visit", "finding", "复查:收入属实"),
}
HISTORY_PAGES = {
    "relief.HardshipFile": "relief:file",
    "relief.Payment": "relief:payment",
    "relief.ReliefProgram": "relief:program",
}


def records(world):
    cz = world.cz
    world.file = HardshipFile.objects.create(
        person=world.person,
        organization=cz,
        category="在职",
        cause="因病",
        household_size=3,
        income_per_head=Decimal("800"),
        filed_on=D(2018, 1, 5),
        state=FileState.VERIFIED,
        verified_on=D(2018, 1, 10),
    )
    world.attachment = FileAttachment(
        file=world.file, filename=f"{LEAK}.pdf", content_type="application/pdf", size=20
    )
    world.attachment.stored.save("a.pdf", ContentFile(b"%PDF-1.7 " + LEAK.encode()), save=True)
    world.visit = HomeVisit.objects.create(
        file=world.file, visited_on=D(2018, 1, 8), visitors="张三", finding=f"{LEAK}核查属实"
    )
    world.program = ReliefProgram.objects.create(
        kind=ProgramKind.SPRING, year=2018, organization=cz, budget=Decimal("10000")
    )
    world.payment = Payment.objects.create(
        number="FF2018-0001",
        program=world.program,
        person=world.person,
        file=world.file,
        cash=Decimal("500"),
        paid_on=D(2018, 1, 20),
        note=f"{LEAK}发放",
        organization=cz,
    )
    world.care = CareService.objects.create(
        number="GA2018-0001",
        kind="免费体检",
        point=f"{LEAK}服务点",
        start=D(2018, 5, 1),
        end=D(2018, 5, 2),
        person_times=30,
        organization=cz,
    )
