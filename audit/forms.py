from django import forms


class PeriodForm(forms.Form):
    since = forms.DateField(required=False, label="From", help_text="For example, 1 11 2026", input_formats=["%Y-%m-%d", "%d %m %Y", "%d/%m/%Y"])
    until = forms.DateField(required=False, label="To", input_formats=["%Y-%m-%d", "%d %m %Y", "%d/%m/%Y"])

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", "The end of the period must be on or after its start.")
        return data
