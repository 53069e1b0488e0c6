// The state of the tracking page, for both layouts: the number and phone typed, the case found (or
// "not found"), and the rating form when the case may be rated.

import { computed, reactive, ref, watch } from 'vue'
import { publicCaseApi, type TrackedCase } from '@/api/publicCases'
import { errorMessage } from '@/utils/problem'
import {
  normalizeTrackingNo,
  rateFailure,
  stepsNewestFirst,
  trackFailure,
  validateRating,
  validateTrack,
  type RatingErrors,
  type RatingForm,
  type TrackErrors,
  type TrackForm,
} from './caseTracking'

export function useCaseTracking(initialNo = '') {
  const query = reactive<TrackForm>({ tracking_no: initialNo, phone: '' })
  const errors = reactive<TrackErrors>({})
  const loading = ref(false)
  const notFound = ref(false)
  const message = ref('')
  const found = ref<TrackedCase | null>(null)
  /** The number and phone the case was found with (the rating goes with them, whatever is typed since). */
  let foundWith: TrackForm | null = null

  const rating = reactive<RatingForm>({ satisfaction: '', comment: '' })
  const ratingErrors = reactive<RatingErrors>({})
  const ratingSending = ref(false)
  const ratingMessage = ref('')
  const rated = ref(false)

  const steps = computed(() => stepsNewestFirst(found.value?.steps ?? []))

  watch(() => query.tracking_no, () => delete errors.tracking_no)
  watch(() => query.phone, () => delete errors.phone)
  watch(() => rating.satisfaction, () => delete ratingErrors.satisfaction)
  watch(() => rating.comment, () => delete ratingErrors.comment)

  function setAll<T extends object>(target: T, next: T) {
    for (const k of Object.keys(target)) delete (target as Record<string, unknown>)[k]
    Object.assign(target, next)
  }

  async function lookup(): Promise<boolean> {
    if (loading.value) return false
    message.value = ''
    notFound.value = false
    const e = validateTrack(query)
    setAll(errors, e)
    if (Object.keys(e).length) return false
    const body = { tracking_no: normalizeTrackingNo(query.tracking_no), phone: query.phone.trim() }
    loading.value = true
    try {
      found.value = await publicCaseApi.track(body)
      foundWith = body
      query.tracking_no = body.tracking_no
      rated.value = false
      ratingMessage.value = ''
      setAll(ratingErrors, {})
      return true
    } catch (err) {
      found.value = null
      foundWith = null
      const f = trackFailure(err)
      notFound.value = f.notFound
      setAll(errors, f.fields)
      message.value = f.message ?? ''
      return false
    } finally {
      loading.value = false
    }
  }

  async function rate(): Promise<boolean> {
    if (ratingSending.value || !foundWith) return false
    ratingMessage.value = ''
    const e = validateRating(rating)
    setAll(ratingErrors, e)
    const satisfaction = rating.satisfaction
    if (Object.keys(e).length || !satisfaction) return false
    ratingSending.value = true
    try {
      found.value = await publicCaseApi.rate({
        ...foundWith,
        satisfaction,
        comment: rating.comment.trim() || undefined,
      })
      rated.value = true
      return true
    } catch (err) {
      const f = rateFailure(err)
      setAll(ratingErrors, f.fields)
      ratingMessage.value = f.message ?? ''
      // Not open to rating (any more): show the case as it is now.
      if (f.conflict) {
        try {
          found.value = await publicCaseApi.track(foundWith)
        } catch (again) {
          ratingMessage.value = `${ratingMessage.value}（${errorMessage(again)}）`
        }
      }
      return false
    } finally {
      ratingSending.value = false
    }
  }

  return {
    query,
    errors,
    loading,
    notFound,
    message,
    found,
    steps,
    rating,
    ratingErrors,
    ratingSending,
    ratingMessage,
    rated,
    lookup,
    rate,
  }
}
