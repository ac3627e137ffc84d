namespace HotlineDispatch.Grid;

[GenerateSerializer, Alias("hotline.chat-group-state.v1")]
public sealed class ChatGroupState
{
    [Id(0)] public GroupRegistration? Registration { get; set; }

    /// <summary>The most recent messages, oldest first; bounded.</summary>
    [Id(1)] public List<GroupLogEntry> Log { get; set; } = [];

    /// <summary>Ids of messages taken lately, so the bridge's retries create nothing; bounded by age and count.</summary>
    [Id(2)] public List<SeenMessage> Seen { get; set; } = [];
}

[GenerateSerializer, Immutable, Alias("hotline.seen-message.v1")]
public sealed record SeenMessage(
    [property: Id(0)] string MessageId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] bool IsRequest);
