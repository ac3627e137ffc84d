using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using HotlineDispatch.Routing;
using HotlineDispatch.Tickets;
using Microsoft.Extensions.Logging;

namespace HotlineDispatch.Residents;

/// <summary>
/// Answers a resident's message for a channel that replies in the same exchange (TwiML): a report
/// becomes a ticket and the answer is its receipt; <c>查询</c> tells the state of the sender's own
/// ticket and nothing about anyone else's; a rating answers the sender's latest survey prompt.
/// </summary>
public sealed class ResidentDesk(
    IGrainFactory grains,
    TicketIntake intake,
    ResidentSurveys surveys,
    DepartmentCatalog departments,
    SlaPolicy sla,
    ILogger<ResidentDesk> logger,
    IMessageAnalyzer? analyzer = null)
{
    private const string NumberDecision = "number";
    private const string SurveyDecision = "survey";

    // Until the routing work classifies reports, an unclassified one is taken as a request for help.
    private const TicketType UnclassifiedType = TicketType.Help;

    public async Task<string> AnswerAsync(ResidentMessage message, IExchangeMemory memory) =>
        ResidentRequest.Parse(message.Text) switch
        {
            ResidentRequest.StatusQuery { Number: { } number } => await StatusAsync(message, number),
            ResidentRequest.StatusQuery => ResidentTexts.QueryHelp,
            ResidentRequest.SurveyAnswer answer => await SurveyAsync(message, answer.Rating, memory),
            ResidentRequest.Report report => await ReportAsync(message, report.Text, memory),
            // A photo of the problem is a report, even without a word: its media must not be dropped.
            ResidentRequest.Unusable when message.Attachments.Count > 0 => await ReportAsync(message, ResidentTexts.MediaWithoutText, memory),
            _ => ResidentTexts.Help,
        };

    // Twilio waits 15 s for its answer, and intake's own routing waits no longer than this either.
    private static readonly TimeSpan AnalysisBudget = TimeSpan.FromSeconds(2);

    private static Actor ChannelActor(ResidentMessage message) => new(message.Channel.ToString().ToLowerInvariant(), "channel");

    private async Task<string> ReportAsync(ResidentMessage message, string text, IExchangeMemory memory)
    {
        MessageAnalysis? analysis = null;
        if (analyzer is not null)
        {
            try
            {
                analysis = await analyzer.AnalyzeAsync(text, message.Channel).WaitAsync(AnalysisBudget);
            }
            catch (TimeoutException)
            {
                // The model is still training (a cold start): the report is taken untyped rather than late.
            }
            catch (Exception ex)
            {
                // Routing never stops intake (IIntakeRouting): a resident's report is not lost to a failed analysis.
                logger.LogWarning(ex, "Analysis of a {Channel} report failed; it is taken untyped", message.Channel);
            }
        }

        var command = new AcceptTicket(message.Channel, new Caller(null, message.Phone, false), "", null, text,
            analysis?.Type ?? UnclassifiedType, analysis?.Urgent ?? false)
        {
            Attachments = message.Attachments,
            SourceRef = message.SourceRef,
            ReplyTo = message.ReplyTo,
            ReceiptInline = true,
        };
        var number = await memory.Once(NumberDecision, intake.ReserveNumberAsync);
        var ticket = await intake.AcceptAsAsync(number, command, ChannelActor(message));
        return ResidentTexts.Receipt(ticket);
    }

    private async Task<string> StatusAsync(ResidentMessage message, string number)
    {
        TicketSnapshot ticket;
        try
        {
            ticket = await grains.GetGrain<ITicketGrain>(number).Get();
        }
        catch (TicketNotFoundException)
        {
            return ResidentTexts.NotFound(number);
        }

        // Someone else's ticket reads exactly like a missing one: a number alone must not reveal anything.
        var own = ticket.ReplyTo == message.ReplyTo || PhoneNumbers.Same(ticket.Caller.Phone, message.Phone);
        return own ? ResidentTexts.Status(ticket, departments, sla.Calendar) : ResidentTexts.NotFound(number);
    }

    private async Task<string> SurveyAsync(ResidentMessage message, SurveyRating rating, IExchangeMemory memory)
    {
        var target = await memory.Once(SurveyDecision, async () => await surveys.AwaitingAsync(message.ReplyTo) ?? "");
        return await surveys.RateAsync(target, rating, ChannelActor(message));
    }
}
