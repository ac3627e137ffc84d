namespace HotlineDispatch.Grid;

/// <summary>No request of that id is in the cell's inbox, nor among those it answered lately (HTTP 404).</summary>
[GenerateSerializer, Alias("hotline.err.inbox-item-not-found.v1")]
public sealed class InboxItemNotFoundException(string cell, string messageId)
    : Exception($"No request {messageId} is in the inbox of grid cell {cell}.")
{
    [Id(0)] public string MessageId { get; } = messageId;
}

/// <summary>The cell's inbox holds as many open requests as it may (HTTP 503: the bridge posts again later).</summary>
[GenerateSerializer, Alias("hotline.err.inbox-full.v1")]
public sealed class InboxFullException(string cell, int open)
    : Exception($"The inbox of grid cell {cell} holds {open} open requests, as many as it may; its grid worker must answer some first.");

/// <summary>The request was already answered the other way (HTTP 409).</summary>
[GenerateSerializer, Alias("hotline.err.inbox-item-handled.v1")]
public sealed class InboxItemHandledException(string message) : Exception(message);
