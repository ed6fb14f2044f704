import type { Catalogue } from './en.ts';

/** Russian. Plurals use one/few/many/other; after «через» the noun is accusative (1 минуту, 21 минуту). */
export const ru: Catalogue = {
  'time.meeting': '{time} {zone}',
  'time.viewer': '{time} по вашему времени ({zone})',
  'time.viewerShifted': '{time} по вашему времени ({zone}, {shift})',
  'time.both': '{meeting} · {viewer}',
  'time.dated': '{date}, {time}',
  'time.range': '{start}–{end}',
  'time.endpointShifted': '{time} ({shift})',
  'time.dayLater': '{days, plural, one {+# день} few {+# дня} many {+# дней} other {+# дня}}',
  'time.dayEarlier': '{days, plural, one {−# день} few {−# дня} many {−# дней} other {−# дня}}',

  'change.added': 'Новое заседание',
  'change.moved': 'Перенесено',
  'change.changed': 'Изменено',
  'change.cancelled': 'Отменено',
  'change.restored': 'Восстановлено',
  'change.item': '{label}: {title}',
  'change.previously': 'Ранее: {time}',
  'change.wasScheduled': 'Было запланировано: {time}',
  'change.fields': 'Изменения: {fields}',
  'field.session.title': 'название',
  'field.session.kind': 'тип заседания',
  'field.session.description': 'описание',
  'field.session.speakers': 'докладчики',
  'field.session.track': 'секция',

  'meeting.heading': 'Сведения о совещании',
  'meeting.changed': '{field}: {value}',
  'meeting.locationWithLink': '{name} — {url}',
  'field.meeting.title': 'Название',
  'field.meeting.description': 'Описание',
  'field.meeting.location': 'Место проведения',
  'field.meeting.timeZone': 'Часовой пояс',
  'field.meeting.documents': 'Документы',

  'digest.subject.published': 'Опубликована повестка дня: {title}',
  'digest.subject.updated': 'Повестка дня обновлена ({label}): {title}',
  'digest.subject.cancelled': 'Совещание отменено: {title}',
  'digest.lead.published': 'Повестка дня опубликована ({label}, {date}).',
  'digest.lead.updated': 'Выпущена новая редакция повестки дня ({label}, {date}).',
  'digest.count.published':
    '{count, plural, one {В ней # заседание.} few {В ней # заседания.} many {В ней # заседаний.} other {В ней # заседания.}}',
  'digest.count.updated':
    '{count, plural, =0 {Заседания не изменились.} one {Изменено # заседание.} few {Изменены # заседания.} many {Изменено # заседаний.} other {Изменено # заседания.}}',
  'digest.note': 'Примечание организаторов: {note}',
  'digest.cancelled.heading': 'Совещание отменено.',
  'digest.cancelled.text':
    'Совещание не состоится. Все его заседания отменены; в календарях, подписанных на повестку дня, они отмечены как отменённые.',
  'digest.cancelled.reason': 'Указанная причина: {reason}',
  'digest.zones.both': 'Время указано по часовому поясу совещания ({meetingZone}) и по вашему ({viewerZone}).',
  'digest.zones.meeting': 'Время указано по часовому поясу совещания ({meetingZone}).',
  'digest.sessions.heading': 'Заседания',

  'link.line': '{label}: {url}',
  'link.page': 'Повестка дня',
  'link.feed': 'Подписка на календарь',
  'link.manage': 'Настройки уведомлений',
  'link.unsubscribe': 'Отписаться',
  'link.join': 'Подключиться',
  'footer.digest': 'Вы получили это сообщение, так как подписались на уведомления о совещании «{title}».',

  'reminder.subject': '{title}: начало {when}',
  'reminder.line': '{title}: начало {when} — {time}',
  'reminder.in.minutes':
    '{count, plural, =0 {сейчас} one {через # минуту} few {через # минуты} many {через # минут} other {через # минуты}}',
  'reminder.in.hours': '{count, plural, one {через # час} few {через # часа} many {через # часов} other {через # часа}}',
  'reminder.in.days': '{count, plural, one {через # день} few {через # дня} many {через # дней} other {через # дня}}',
  'reminder.location': 'Место проведения: {location}',
  'reminder.footer': 'Вы получили это напоминание, так как запросили его при подписке на уведомления о совещании «{title}».',

  'confirm.subject': 'Подтвердите подписку: {title}',
  'confirm.intro':
    'Вы запросили уведомления о совещании «{title}»: изменения повестки дня и напоминания, с указанием времени по вашему часовому поясу ({zone}).',
  'confirm.action': 'Подтвердить подписку',
  'confirm.ignore': 'Если вы не отправляли такой запрос, проигнорируйте это сообщение: без вашего подтверждения уведомления отправляться не будут.',

  'invite.subject': '{label}: {title}',
  'invite.added': 'Приглашаем вас на заседание «{title}» ({meeting}).',
  'invite.moved': 'Заседание «{title}» ({meeting}) перенесено на другое время.',
  'invite.changed': 'Сведения о заседании «{title}» ({meeting}) обновлены.',
  'invite.cancelled': 'Заседание «{title}» ({meeting}) отменено.',
  'invite.restored': 'Заседание «{title}» ({meeting}) вновь включено в повестку дня.',
  'invite.attached.request': 'Приложенное приглашение обновит ваш календарь.',
  'invite.attached.cancel': 'Приложенное сообщение удалит это заседание из вашего календаря.',
};
