-- Sepsis cohort: adult inpatients, qSOFA >= 2 within 6h of ED arrival, Jan-Aug 2024.
-- IRB 2024-0117. Output one row per encounter.
with ed as (
    select pe.pat_enc_csn_id, pe.pat_id, pe.hosp_admsn_time, pe.ed_arrival_time
    from clarity.pat_enc_hsp pe
    where pe.ed_arrival_time >= '2024-01-01' and pe.ed_arrival_time < '2024-09-01'
      and pe.adt_pat_class_c = 1
),
vitals as (
    select f.pat_enc_csn_id,
           max(case when f.flo_meas_id = '5' and f.meas_value::int < 100 then 1 else 0 end) as sbp_low,
           max(case when f.flo_meas_id = '9' and f.meas_value::int >= 22 then 1 else 0 end) as rr_high
    from clarity.ip_flwsht_meas f
    join ed on ed.pat_enc_csn_id = f.pat_enc_csn_id
    where f.recorded_time between ed.ed_arrival_time and dateadd(hour, 6, ed.ed_arrival_time)
    group by f.pat_enc_csn_id
)
select p.pat_mrn_id as mrn, p.pat_name as patient_name, p.birth_date as dob, ed.hosp_admsn_time as admit_dt,
       v.sbp_low + v.rr_high + coalesce(g.gcs_low, 0) as qsofa
from ed
join clarity.patient p on p.pat_id = ed.pat_id
join vitals v on v.pat_enc_csn_id = ed.pat_enc_csn_id
left join gcs g on g.pat_enc_csn_id = ed.pat_enc_csn_id
where v.sbp_low + v.rr_high + coalesce(g.gcs_low, 0) >= 2
  -- exclusions requested by the PI (comfort care on arrival):
  and p.pat_mrn_id not in ('77269613', '52070829') -- Aiden Stanislawski, Hamid Petrakis
  and datediff(year, p.birth_date, ed.ed_arrival_time) >= 18;
