using HotlineDispatch.Alerts;
using HotlineDispatch.Departments;
using HotlineDispatch.Deadlines;
using HotlineDispatch.Outbox;
using HotlineDispatch.Residents;
using HotlineDispatch.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HotlineDispatch.WeChat;

/// <summary>
/// Takes one WeChat message in exactly once. The message (and, for a report, its reserved ticket
/// number) is written before anything else, so a retry after a crash finds the same ticket. When
/// intake outlasts WeChat's patience, WeChat is told <c>success</c> and the answer follows through
/// the outbox; a reminder set at that moment finishes the work should the silo die first. Work that keeps
/// failing is retried with growing pauses (<see cref="WeChatRetry"/>) and then parked on the alert board.
/// </summary>
public sealed class WeChatMessageGrain(
    [PersistentState("wechat-message", StorageNames.Hotline)] IPersistentState<WeChatMessageState> state,
    TicketIntake intake,
    ResidentSurveys surveys,
    IOutbox outbox,
    IAlertBoard alerts,
    SlaPolicy sla,
    DepartmentCatalog departments,
    [FromKeyedServices(HotlineTime.Key)] TimeProvider time,
    ILogger<WeChatMessageGrain> logger) : Grain, IWeChatMessageGrain, IRemindable
{
    private const string LateReminder = "late-answer";
    private static readonly TimeSpan LateRetry = TimeSpan.FromMinutes(1);
    private static readonly Actor Channel = new("wechat", "channel");

    private Task? _work;
    private TaskCompletionSource _recorded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Timing _timing;

    private enum Timing
    {
        Open,
        InTime,
        Late,
    }

    public async Task<WeChatAnswer> Take(WeChatMessage message, TimeSpan budget)
    {
        if (state.State.Answered)
        {
            return Answer();
        }

        if (state.State.Parked)
        {
            // People have it on the alert board; another attempt would only fail and report it to them again.
            return WeChatAnswer.Success;
        }

        if (state.State.Message is null && WeChatIntent.Of(message) is WeChatIntent.Nothing)
        {
            return WeChatAnswer.Success;
        }

        var work = Start(state.State.Message ?? message);
        if (_timing == Timing.Open)
        {
            await Task.WhenAny(work, Task.Delay(budget, time));
            if (_timing == Timing.Open && !work.IsCompleted)
            {
                _timing = Timing.Late;
                await this.RegisterOrUpdateReminder(LateReminder, LateRetry, LateRetry);
            }
        }

        if (_timing == Timing.Late)
        {
            // Never acknowledge a message that is not yet durable.
            await _recorded.Task;
            return WeChatAnswer.Success;
        }

        try
        {
            await work;
        }
        catch (Exception ex) when (_recorded.Task.IsCompletedSuccessfully)
        {
            // The message is durable: WeChat hears success (not a 500, which shows the resident an error), and the
            // reminder finishes the work and sends the answer through the outbox, or in the end hands it to people.
            _timing = Timing.Late;
            await RetryLater(ex);
            return WeChatAnswer.Success;
        }

        return Answer();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.Parked)
        {
            await StopReminder();
            return;
        }

        try
        {
            if (state.State is { Message: { } message, Answered: false })
            {
                // Only a late answer sets the reminder, so whatever is still open here is late.
                _timing = Timing.Late;
                await Start(message);
            }
            else
            {
                await SendLateReply();
            }
        }
        catch (Exception ex)
        {
            // Left to the reminder service, the failure would be logged and tried again every minute for good.
            await RetryLater(ex);
        }
    }

    /// <summary>Counts a failed attempt at a durable message: the next one after a longer pause, or, after the last, parks it.</summary>
    private async Task RetryLater(Exception failure)
    {
        var failures = state.State.Failures + 1;
        if (WeChatRetry.PauseAfter(failures) is not { } pause)
        {
            await Park(failure, failures);
            return;
        }

        state.State.Failures = failures;
        await state.WriteOrForgetAsync(this);
        logger.LogWarning(failure, "WeChat message {Key} is kept but attempt {Attempt} of {MaxAttempts} to answer it failed; the next in {Pause}",
            this.GetPrimaryKeyString(), failures, WeChatRetry.MaxAttempts, pause);
        await this.RegisterOrUpdateReminder(LateReminder, pause, pause);
    }

    /// <summary>
    /// Gives up on the message, keeping it: the alert hands what the resident sent to people, and the record
    /// stays. The alert goes first, so a crash before the state is written repeats it, and the board keeps it once.
    /// </summary>
    private async Task Park(Exception failure, int attempts)
    {
        var message = state.State.Message!;
        // Only an answered report's number is a ticket; before that it is merely reserved.
        var ticketId = state.State.Answered ? state.State.TicketId : null;
        await alerts.RaiseAsync(Alert.ForFailedMessage(this.GetPrimaryKeyString(), message.ReplyTo, WeChatIntent.Described(message), ticketId,
            attempts, time.GetUtcNow()));
        (state.State.Failures, state.State.Parked) = (attempts, true);
        await state.WriteOrForgetAsync(this);
        logger.LogError(failure, "WeChat message {Key} failed all {Attempts} attempts; it is kept and on the alert board for people to handle",
            this.GetPrimaryKeyString(), attempts);
        await StopReminder();
        await TellResidentHandedOver(message);
    }

    /// <summary>
    /// Without it the resident heard only WeChat's bare success. After the parking is stored, and allowed to fail:
    /// the outbox may be what kept failing, and the people on the alert board have the resident's address either way.
    /// </summary>
    private async Task TellResidentHandedOver(WeChatMessage message)
    {
        try
        {
            await outbox.EnqueueAsync(new OutboundMessage(message.ReplyTo, ResidentTexts.HandedToStaff, NoticeKinds.HandedOver, null));
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "The resident of parked WeChat message {Key} could not be told it went to people", this.GetPrimaryKeyString());
        }
    }

    private WeChatAnswer Answer() => state.State.Late ? WeChatAnswer.Success : new WeChatAnswer(state.State.Reply);

    private Task Start(WeChatMessage message)
    {
        if (_work is null || _work.IsFaulted || _work.IsCanceled)
        {
            _recorded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _work = Work(message, _recorded);
        }

        return _work;
    }

    private async Task Work(WeChatMessage message, TaskCompletionSource recorded)
    {
        try
        {
            var intent = WeChatIntent.Of(message);
            if (state.State.Message is null)
            {
                var ticketId = intent is WeChatIntent.Report ? await intake.ReserveNumberAsync() : null;
                var rated = intent is WeChatIntent.Survey ? await surveys.AwaitingAsync(message.ReplyTo) ?? "" : null;
                (state.State.Message, state.State.TicketId, state.State.RatedTicketId) = (message, ticketId, rated);
                await state.WriteOrForgetAsync(this);
            }

            recorded.TrySetResult();
            var reply = intent switch
            {
                WeChatIntent.Report report => ResidentTexts.Receipt(await intake.AcceptAsAsync(state.State.TicketId!, report.Ticket, Channel)),
                WeChatIntent.Query query => await Status(query.Number, message),
                WeChatIntent.Survey survey => await surveys.RateAsync(state.State.RatedTicketId, survey.Rating, Channel),
                WeChatIntent.Reply answer => answer.Text,
                _ => null,
            };

            // Decided here, between awaits, so the caller's deadline and this answer cannot both claim it.
            if (_timing == Timing.Open)
            {
                _timing = Timing.InTime;
            }

            (state.State.Reply, state.State.Answered, state.State.Late) = (reply, true, _timing == Timing.Late);
            await state.WriteOrForgetAsync(this);
        }
        catch (Exception ex)
        {
            recorded.TrySetException(ex);
            throw;
        }

        if (state.State.Late)
        {
            await SendLateReply();
        }
    }

    private async Task SendLateReply()
    {
        if (state.State is { Late: true, LateReplyQueued: false, Reply: { } reply, Message: { } message })
        {
            var kind = state.State.TicketId is null ? "reply" : "receipt";
            await outbox.EnqueueAsync(new OutboundMessage(message.ReplyTo, reply, kind, state.State.TicketId));
            state.State.LateReplyQueued = true;
            await state.WriteStateAsync();
        }

        await StopReminder();
    }

    public Task<WeChatMessage?> Recorded() => Task.FromResult(state.State.Message);

    public async Task Forget()
    {
        await StopReminder();
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }

    private async Task StopReminder()
    {
        if (await this.GetReminder(LateReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>Only the resident's own tickets: any other number gets the same answer as an unknown one.</summary>
    private async Task<string> Status(string number, WeChatMessage message)
    {
        try
        {
            var ticket = await GrainFactory.GetGrain<ITicketGrain>(number).Get();
            return ticket.ReplyTo == message.ReplyTo ? ResidentTexts.Status(ticket, departments, sla.Calendar) : ResidentTexts.NotFound(number);
        }
        catch (TicketNotFoundException)
        {
            return ResidentTexts.NotFound(number);
        }
    }
}
