from rest_framework import serializers

from deadlines.models import Deadline, Notification


class DeadlineSerializer(serializers.ModelSerializer):
    record = serializers.SerializerMethodField()
    owner_team = serializers.SlugRelatedField(slug_field="code", read_only=True)
    owner_user = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Deadline
        fields = [
            "id",
            "kind",
            "title",
            "due_at",
            "status",
            "offender",
            "record",
            "escalate_at",
            "owner_team",
            "owner_user",
            "closed_at",
            "created_at",
        ]

    def get_record(self, obj: Deadline) -> dict | None:
        # content_type is select_related by the view: no query per row.
        if obj.content_type_id is None:
            return None
        return {
            "type": f"{obj.content_type.app_label}.{obj.content_type.model}",
            "id": str(obj.object_id),
        }


class NotificationSerializer(serializers.ModelSerializer):
    read = serializers.BooleanField(read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "deadline", "stage", "message", "created_at", "read"]
