namespace HotlineDispatch.Grid;

/// <summary>No request of that id is in the cell's inbox, nor among those it answered lately (HTTP 404).</summary>
[GenerateSerializer, Alias("hotline.err.inbox-item-not-found.v1")]
public sealed class InboxItemNotFoundException(string cell, string messageId)
    : Exception($"No request {messageId} is in the inbox of grid cell {cell}.")
{
    [Id(0)] public string MessageId { get; } = messageId;
}

/// <summary>The request was already answered the other way (HTTP 409).</summary>
[GenerateSerializer, Alias("hotline.err.inbox-item-handled.v1")]
public sealed class InboxItemHandledException(string message) : Exception(message);
