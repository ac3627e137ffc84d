namespace HotlineDispatch.Tickets;

/// <summary>
/// Makes a ticket point at one shared instance of each string that thousands of tickets repeat: step
/// names, user names, department codes, grid cells. A ticket read from storage or a request otherwise
/// holds its own copy of each, about 16 strings and 0.5 KB of every idle grain. The values come from
/// small, fixed vocabularies, so the process-wide intern pool stays small.
/// </summary>
public static class RepeatedStrings
{
    public static void Share(Ticket ticket)
    {
        ticket.GridCell = Shared(ticket.GridCell);
        ticket.LoggedBy = Shared(ticket.LoggedBy);
        ticket.Lead = Shared(ticket.Lead);
        Replace(ticket.History, e => e with { Actor = Shared(e.Actor), Action = Shared(e.Action), Department = Shared(e.Department) });
        Replace(ticket.Deadlines, d => d with { Department = Shared(d.Department) });
        ticket.Co = [.. ticket.Co.Select(c => c with { Department = Shared(c.Department) })];
        ticket.Cards = [.. ticket.Cards.Select(c => c with { Department = Shared(c.Department) })];
        Replace(ticket.Suggestions, s => s with { Code = Shared(s.Code) });
    }

    private static void Replace<T>(List<T> items, Func<T, T> share)
    {
        for (var i = 0; i < items.Count; i++)
        {
            items[i] = share(items[i]);
        }
    }

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(value))]
    private static string? Shared(string? value) => value is null ? null : string.Intern(value);
}
