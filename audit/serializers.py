from rest_framework import serializers

from audit.models import AccessEvent


class AccessEventSerializer(serializers.ModelSerializer):
    user = serializers.SerializerMethodField()
    people_returned = serializers.SerializerMethodField(
        help_text="For a list, search or export: how many people it returned (else null)."
    )

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
            "purpose",
            "people_returned",
            "justification",
            "recipients",
            "detail",
        ]

    def get_user(self, obj: AccessEvent) -> str:
        return obj.user.username if obj.user_id else obj.username

    def get_people_returned(self, obj: AccessEvent) -> int | None:
        return (obj.detail or {}).get("people")
