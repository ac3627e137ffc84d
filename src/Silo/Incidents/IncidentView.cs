using HotlineDispatch.Deadlines;
using HotlineDispatch.Incidents;

using HotlineDispatch.Silo.Routing;

namespace HotlineDispatch.Silo.Incidents;

/// <summary>
/// An incident as the leaders read it: its cell key and the grid cell or the street it stands for
/// (reports without a grid cell are grouped by street), how many tickets it holds, times in the
/// centre's offset.
/// </summary>
public sealed record IncidentView(
    string Id,
    string Cell,
    string? GridCell,
    string? Street,
    string Summary,
    IReadOnlyList<string> TicketIds,
    int Count,
    DateTimeOffset FirstAt,
    DateTimeOffset LastAt)
{
    public static IncidentView Of(Incident incident, WorkingCalendar calendar) => new(
        incident.Id, incident.Cell, CellKeys.GridCellOf(incident.Cell), CellKeys.StreetOf(incident.Cell), incident.Summary, incident.TicketIds, incident.TicketIds.Count,
        calendar.ToLocal(incident.FirstAt), calendar.ToLocal(incident.LastAt));
}
