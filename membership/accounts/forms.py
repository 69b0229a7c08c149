from django import forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.hashers import make_password
from django.http import HttpRequest, HttpResponse

from allauth.account.forms import SignupForm as AllauthSignupForm

from membership.models import User


class SignupForm(AllauthSignupForm):
    """allauth's sign-up, equally slow whether the address has an account.

    For a known address allauth creates nothing and mails the owner instead,
    which skipped the password hashing a new account costs (8 ms against
    250 ms in production): the timing told who has an account. The password
    is hashed, and the hash thrown away, on that path too.
    """

    def try_save(
        self, request: HttpRequest
    ) -> tuple[AbstractBaseUser | None, HttpResponse | None]:
        user, response = super().try_save(request)
        password = self.cleaned_data.get("password1")
        if user is None and password:
            make_password(password)
        return user, response


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
