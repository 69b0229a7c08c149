from django import forms

from membership.models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name"]
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
        }


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label="I understand that my account and personal data will be deleted for good.",
        error_messages={
            "required": "Tick the box to confirm that you want to delete your account."
        },
    )
