using HotlineDispatch.Tickets;

namespace HotlineDispatch.Routing;

/// <summary>What the analyzer makes of a message (API.md, <c>POST /api/v1/analyze</c>).</summary>
[GenerateSerializer, Immutable, Alias("hotline.message-analysis.v1")]
public sealed record MessageAnalysis(
    [property: Id(0)] bool IsRequest,
    [property: Id(1)] DepartmentGuess? Department,
    [property: Id(2)] IReadOnlyList<DepartmentGuess> Alternatives,
    [property: Id(3)] TicketType Type,
    [property: Id(4)] bool Urgent,
    [property: Id(5)] string Sentiment);
