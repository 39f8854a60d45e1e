from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .kinds import all_kinds
from .services import EXPORT_FORMATS, upload_check


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("文件"),
        help_text=_("第一行为列名;支持 .xlsx、旧版 .xls 和 .csv(UTF-8 或 GBK 编码)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.csv"}),
        error_messages={"required": _("请选择要上传的文件"), "empty": _("文件是空的")},
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        upload_check(f)
        return f


class ExportForm(forms.Form):
    kind = forms.ChoiceField(label=_("导出类型"))
    fmt = forms.ChoiceField(
        label=_("文件格式"), choices=[(f, f".{f}") for f in EXPORT_FORMATS], initial="xlsx"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.name, k.label) for k in all_kinds()]

    def clean_kind(self):
        value = self.cleaned_data["kind"]
        if not value:
            raise ValidationError(_("请选择导出类型"))
        return value
