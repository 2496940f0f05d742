/**
 * Every `error.code` the API answers (`{"error":{"code","message","details?"}}`). The server's
 * errors accept only these (HttpError is typed by them), and the console words each one in every
 * language it speaks, so a refusal always reaches a person in their language — the server's own
 * message when it was worded in the console's language, the console's wording of the code when
 * not (an answer from a proxy, a connection refused before any request was read). Adding a code
 * here fails the console's type check until it is worded there.
 */
export const API_ERROR_CODES = [
  // the HTTP edge: what is wrong with the request itself
  'bad_request',
  'bad_url',
  'bad_websocket_handshake',
  'body_too_large',
  'headers_too_large',
  'invalid_json',
  'method_not_allowed',
  'path_parameter_too_long',
  'request_timeout',
  'unsupported_media_type',
  'upgrade_required',
  'validation_failed',
  'range_not_satisfiable',
  'too_many_requests',
  'database_unavailable',
  'internal',
  // who asks
  'unauthorized',
  'forbidden',
  'not_found',
  'invalid_credentials',
  'invalid_code',
  'too_many_attempts',
  'mfa_enrolment_required',
  'mfa_already_enrolled',
  'mfa_not_pending',
  'mfa_not_enrolled',
  'wrong_password',
  'weak_password',
  'username_taken',
  'self_lockout',
  // written meanwhile by someone else, or already done
  'stale',
  'changed_meanwhile',
  'id_reused',
  'accepted',
  'released',
  'already_acknowledged',
  'already_cancelled',
  'already_false',
  'already_revoked',
  'already_withdrawn',
  'not_shelved',
  // places and the network
  'unknown_line',
  'unknown_station',
  'bad_location',
  'bad_mileage',
  'short_chain_gap',
  'prefix_not_on_line',
  'beyond_line',
  'invalid_network',
  'network_conflicts',
  // the organisation
  'unknown_agency',
  'unknown_category',
  'invalid_organisation',
  // incidents, dispatch and transfers
  'illegal_transition',
  'merge_into_itself',
  'bad_merge_target',
  'already_lead',
  'no_pending_transfer',
  'not_dispatchable',
  'units_not_dispatchable',
  'no_units',
  'not_active',
  'not_on_a_train',
  'not_ahead',
  'no_police',
  'incident_finished',
  'not_on_a_line',
  'no_station_agency',
  'not_a_railway_station',
  'unit_exists',
  // command, tasks and duty
  'level_too_low',
  'command_exists',
  'command_closed',
  'not_in_command',
  'invalid_transition',
  'overlap',
  // timetable
  'invalid_feed',
  'bad_zip',
  'bad_time',
  'unknown_train',
  'no_timetable',
  // bulletins, CAP and attachments
  'no_sharing_agreement',
  'not_a_recipient',
  'too_many_attachments',
  'attachment_too_large',
  'forbidden_file_type',
  'type_mismatch',
  'empty',
  'bad_encoding',
  'dtd_refused',
  'xinclude_refused',
  'cap_schema_invalid',
  'cap_content_invalid',
  'cap_not_actual',
  'unknown_reference',
  // civil defence and public reports
  'patrol_finished',
  'check_in_refused',
  'too_many_photos',
  'unreadable_photo',
  'photo_window_closed',
  // technical defence
  'device_exists',
  'invalid_import',
  // bureau and departments
  'not_federated',
  // hazards and section chiefs (双段长制)
  'hazard_transition',
  'not_verified',
  'after_photos_required',
  'no_section_chief',
  'hazard_exists',
  'plan_too_large',
  'empty_plan',
  'meeting_held',
  // cooperation agreements
  'no_signed_copy',
  // the assessment
  'no_scheme',
  'assessment_published',
  'survey_answered',
  // briefings (每日警情通报)
  'briefing_exists',
  'period_not_over',
  // randomised patrols on the department's data
  'no_patrol_targets',
  'plan_randomised',
  // what-if on the department's data
  'no_history',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export function isApiErrorCode(code: string): code is ApiErrorCode {
  return (API_ERROR_CODES as readonly string[]).includes(code);
}
