using HotlineDispatch.Incidents;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Routing;

/// <summary>What the analyzer makes of a message (docs/api.md, <c>POST /api/v1/analyze</c>).</summary>
[GenerateSerializer, Immutable, Alias("hotline.message-analysis.v1")]
public sealed record MessageAnalysis(
    [property: Id(0)] bool IsRequest,
    [property: Id(1)] DepartmentGuess? Department,
    [property: Id(2)] IReadOnlyList<DepartmentGuess> Alternatives,
    [property: Id(3)] TicketType Type,
    [property: Id(4)] bool Urgent,
    [property: Id(5)] string Sentiment)
{
    /// <summary>Key phrases of the message (Azure AI Language's, or the local thesaurus words found in it).</summary>
    [Id(6)] public IReadOnlyList<string> KeyPhrases { get; init; } = [];

    /// <summary>What made the message urgent (e.g. <c>gas: 煤气味</c>), when it is.</summary>
    [Id(7)] public string? UrgentCue { get; init; }

    /// <summary>Where the department came from: <c>catalogue</c> (an admin's rule) or <c>model</c>.</summary>
    [Id(8)] public string? DepartmentSource { get; init; }

    /// <summary>The calibrated probability that the message asks for action.</summary>
    [Id(9)] public double RequestConfidence { get; init; }

    /// <summary>Which analysis produced the sentiment and key phrases: <c>azure</c> or <c>local</c>.</summary>
    [Id(10)] public string? InsightSource { get; init; }

    /// <summary>
    /// Open tickets of the message's cell that read alike, most alike first, when the caller named the
    /// place (a grid cell or an address); null when it did not, which is not the same as none found.
    /// </summary>
    [Id(11)] public IReadOnlyList<DuplicateCandidate>? Duplicates { get; init; }
}
