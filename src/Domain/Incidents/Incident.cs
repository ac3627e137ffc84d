namespace HotlineDispatch.Incidents;

/// <summary>
/// Many similar reports from one cell within an hour (a burst main, a power cut): one incident for
/// the leaders, whose tickets can be merged (并单) so one reply reaches every reporter.
/// </summary>
[GenerateSerializer, Immutable, Alias("hotline.incident.v1")]
public sealed record Incident(
    [property: Id(0)] string Id,
    [property: Id(1)] string Cell,
    [property: Id(2)] string Summary,
    [property: Id(3)] IReadOnlyList<string> TicketIds,
    [property: Id(4)] DateTimeOffset FirstAt,
    [property: Id(5)] DateTimeOffset LastAt);

/// <summary>An open ticket that may report the same incident as another, and how alike they read.</summary>
[GenerateSerializer, Immutable, Alias("hotline.duplicate-candidate.v1")]
public sealed record DuplicateCandidate(
    [property: Id(0)] string TicketId,
    [property: Id(1)] double Similarity,
    [property: Id(2)] DateTimeOffset AcceptedAt,
    [property: Id(3)] string Excerpt);

/// <summary>A new report as a cell keeps it.</summary>
[GenerateSerializer, Immutable, Alias("hotline.cell-report.v1")]
public sealed record CellReport(
    [property: Id(0)] string TicketId,
    [property: Id(1)] string Text,
    [property: Id(2)] DateTimeOffset AcceptedAt);

/// <summary>
/// What adding a report changed: the incident it belongs to now, how many reports that incident holds, and whether it
/// is new. Not the incident's ticket list: a storm's burst adds thousands of reports to one incident, and sending the
/// whole list back with each made a burst's cost grow with the square of its size.
/// </summary>
[GenerateSerializer, Immutable, Alias("hotline.surge-outcome.v2")]
public sealed record SurgeOutcome(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] int Reports,
    [property: Id(2)] bool Created);
