namespace HotlineDispatch.Tickets;

/// <summary>
/// Makes a ticket point at one shared instance of each string that thousands of tickets repeat: step
/// names, user names, department codes, grid cells. A ticket read from storage or a request otherwise
/// holds its own copy of each, about 16 strings and 0.5 KB of every idle grain. The values come from
/// small, fixed vocabularies, so the process-wide intern pool stays small. It is the grain's memory
/// concern, not a rule of the ticket, so it lives with the stored state and uses the ticket's internal setters.
/// </summary>
public static class RepeatedStrings
{
    public static void Share(Ticket ticket)
    {
        ticket.GridCell = Shared(ticket.GridCell);
        ticket.LoggedBy = Shared(ticket.LoggedBy);
        ticket.Lead = Shared(ticket.Lead);
        ticket.History = [.. ticket.History.Select(e => e with { Actor = Shared(e.Actor), Action = Shared(e.Action), Department = Shared(e.Department) })];
        ticket.Deadlines = [.. ticket.Deadlines.Select(d => d with { Department = Shared(d.Department) })];
        ticket.Co = [.. ticket.Co.Select(c => c with { Department = Shared(c.Department) })];
        ticket.Cards = [.. ticket.Cards.Select(c => c with { Department = Shared(c.Department) })];
        ticket.Suggestions = [.. ticket.Suggestions.Select(s => s with { Code = Shared(s.Code) })];
    }

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(value))]
    private static string? Shared(string? value) => value is null ? null : string.Intern(value);
}
