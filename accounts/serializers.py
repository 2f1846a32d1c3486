from rest_framework import serializers

from accounts.models import Force


class ForceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Force
        fields = ["code", "name"]


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(
        max_length=256, trim_whitespace=False, style={"input_type": "password"}
    )
    otp = serializers.CharField(
        max_length=16,
        required=False,
        allow_blank=True,
        help_text="The current 6-digit code from the authenticator app (or a backup code). "
        "Required for roles that must use a second factor.",
    )
    client = serializers.RegexField(
        r"^[A-Za-z0-9_.-]{1,64}$",
        max_length=64,
        required=False,
        default="default",
        help_text="A name for the client program. A user holds one token per client: asking "
        "again for the same client replaces its token.",
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()
    expires_at = serializers.DateTimeField()
    client = serializers.CharField()


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()
