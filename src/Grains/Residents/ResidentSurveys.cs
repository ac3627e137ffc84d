using HotlineDispatch.Tickets;

namespace HotlineDispatch.Residents;

/// <summary>
/// A resident's <c>1</c>, <c>2</c> or <c>3</c> answering a survey prompt, on any channel that sends
/// prompts: which of the sender's tickets it rates, and the answer the resident gets.
/// </summary>
public sealed class ResidentSurveys(IGrainFactory grains, ISurveyPrompts prompts)
{
    private const int Candidates = 10;

    /// <summary>The sender's latest prompted ticket still waiting for its survey, or null.</summary>
    public async Task<string?> AwaitingAsync(string replyTo)
    {
        foreach (var id in await prompts.TicketsAskedAsync(replyTo, Candidates))
        {
            var ticket = await grains.GetGrain<ITicketGrain>(id).Get();
            if (ticket.AwaitingSurvey && ticket.ReplyTo == replyTo)
            {
                return ticket.Id;
            }
        }

        return null;
    }

    /// <summary>Rates <paramref name="ticketId"/> (none: there was nothing to rate) and says so to the resident.</summary>
    public async Task<string> RateAsync(string? ticketId, SurveyRating rating, Actor actor)
    {
        if (string.IsNullOrEmpty(ticketId))
        {
            return ResidentTexts.NoSurveyWaiting;
        }

        try
        {
            await grains.GetGrain<ITicketGrain>(ticketId).Execute(new SurveyTicket(rating, null), actor);
        }
        catch (TicketConflictException)
        {
            // Already answered: by this very message before a crash, or by an operator meanwhile.
        }

        return ResidentTexts.SurveyThanks(rating);
    }
}
