-- WhatsApp and e-mail beside SMS (issue 15). A person's notices go by the channel they chose when
-- the institute has it configured and they have its address; SMS otherwise (notify/channels.ts).
-- The outbox row records the channel that carried the message.
alter table beneficiaries add column notice_channel text not null default 'sms'
  check (notice_channel in ('sms', 'whatsapp', 'email'));

alter table notifications drop constraint notifications_channel_check;
alter table notifications add constraint notifications_channel_check
  check (channel in ('sms', 'whatsapp', 'email'));
