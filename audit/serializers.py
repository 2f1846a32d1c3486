from rest_framework import serializers

from audit.models import AccessEvent


class AccessEventSerializer(serializers.ModelSerializer):
    user = serializers.SerializerMethodField()

    class Meta:
        model = AccessEvent
        fields = [
            "id",
            "at",
            "user",
            "action",
            "offender",
            "object_type",
            "object_id",
            "query",
            "justification",
            "recipients",
            "detail",
        ]

    def get_user(self, obj: AccessEvent) -> str:
        return obj.user.username if obj.user_id else obj.username
