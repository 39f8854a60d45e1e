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
from tests.security.matrix import A, Audited, record_pages
from tests.security.world import LEAK

D = datetime.date

ACCESS = {
    **record_pages(
        "relief.hardshipfile", "file",
        list="relief:files", add="relief:file_create", view="relief:file", change="relief:file_edit",
        actions=[
            "relief:file_verify", "relief:file_refuse", "relief:file_exit", "relief:file_visit",
            "relief:file_object", "relief:file_correct_verified_on", "relief:attachment_upload",
        ],
    ),
    "relief:file_lookup": A("relief.view_hardshipfile", post=True),
    "relief:attachment": A("relief.view_hardshipfile", "cz", pk="attachment"),
    "relief:programs": A("relief.view_reliefprogram"),
    "relief:program_create": A("relief.add_reliefprogram"),
    "relief:program": A("relief.view_reliefprogram", "up", pk="program"),
    "relief:program_edit": A("relief.change_reliefprogram", "up_edit", pk="program"),
    **record_pages(
        "relief.payment", "payment",
        list="relief:payments", add="relief:payment_create", view="relief:payment",
        actions=["relief:payment_correct"],
    ),
    **record_pages(
        "relief.careservice", "care",
        list="relief:services", add="relief:service_create", change="relief:service_edit",
    ),
}  # fmt: skip

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
