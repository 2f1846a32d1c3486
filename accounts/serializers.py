from rest_framework import serializers

from accounts.models import Force


class ForceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Force
        fields = ["code", "name"]


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=256, trim_whitespace=False, style={"input_type": "password"})


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()
