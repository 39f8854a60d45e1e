from django import forms
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from .scoping import visible_orgs
from .services import ROLES, grantable_roles


class ScopedModelForm(forms.ModelForm):
    """A record's form for `user` (a keyword argument): the organizations it offers are the
    user's subtree and a new record starts at the user's organization; the `fixed` fields (its
    number) cannot change once the record exists."""

    fixed: tuple[str, ...] = ()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = visible_orgs(user)
        if self.instance.pk:
            for name in self.fixed:
                self.fields[name].disabled = True
        elif user.organization_id:
            self.fields["organization"].initial = user.organization_id


class OrgChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{'　' * obj.depth}{obj.name}({obj.code})"


class UserForm(forms.Form):
    """An account's organization, roles and names; the roles offered are those the
    administrator holds (the service refuses any other)."""

    username = forms.CharField(label=_("用户名"), max_length=150)
    last_name = forms.CharField(label=_("姓"), max_length=150, required=False)
    first_name = forms.CharField(label=_("名"), max_length=150, required=False)
    organization = OrgChoice(label=_("所属组织"), queryset=None)
    roles = forms.MultipleChoiceField(label=_("角色"), required=False, widget=forms.CheckboxSelectMultiple)
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)

    def __init__(self, *args, by, editing=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = visible_orgs(by).order_by("path")
        held = grantable_roles(by)
        self.fields["roles"].choices = [(r, _t(r)) for r in ROLES if r in held]
        if editing is not None:
            self.fields["username"].disabled = True
            if editing.pk == by.pk:
                self.fields["organization"].disabled = True
                self.fields["roles"].disabled = True
                self.fields["is_active"].disabled = True


class FullIdForm(forms.Form):
    """Granting or taking away the full-ID permission: what is done, and on what grounds."""

    allowed = forms.TypedChoiceField(
        choices=[("1", _("授予")), ("0", _("收回"))], coerce=lambda v: v == "1", widget=forms.HiddenInput
    )
    reason = forms.CharField(
        label=_("办理依据"),
        max_length=200,
        help_text=_("如审批单号、岗位调整;写入用户管理日志"),
        error_messages={"required": _("请填写办理依据(如审批单号、岗位调整)")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
