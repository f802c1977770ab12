import { WorkloadClass, WorkloadProfile } from '../../lib/simulation/profile';
import { scaled, workingDay } from './curves';

/** A lab's training jobs: gangs of one GPU per pod, 8 CPU and 32Gi beside each GPU, for hours. */
function training(lab: string, perHour: number, gang: { min: number; max: number }, runTime: { min: string; max: string }): WorkloadClass {
  return {
    name: `${lab}-training`,
    description: `Training jobs of ${lab}: gangs of ${gang.min}-${gang.max} GPUs, ${runTime.min} to ${runTime.max}.`,
    tenant: lab,
    queue: lab,
    priorityClass: 'volcano-normal',
    arrivalsPerHour: perHour,
    gang,
    podRequests: { cpu: '8', memory: '32Gi', 'nvidia.com/gpu': '1' },
    runTime,
  };
}

const CLASSES: readonly WorkloadClass[] = [
  training('lab-vision', 0.5, { min: 2, max: 8 }, { min: '1h', max: '6h' }),
  training('lab-nlp', 0.5, { min: 2, max: 8 }, { min: '1h', max: '6h' }),
  training('lab-robotics', 0.25, { min: 2, max: 4 }, { min: '1h', max: '3h' }),
  {
    name: 'course-assignments',
    description: 'Course assignments: single CPU pods of about 20 minutes, busiest during the teaching day.',
    tenant: 'teaching',
    queue: 'teaching',
    priorityClass: 'volcano-normal',
    arrivalsPerHour: workingDay(45),
    gang: 1,
    podRequests: { cpu: '2', memory: '4Gi' },
    runTime: { mean: '20m' },
  },
];

/** The GPU cluster: a term-time day, and the week before a conference deadline. */
export const gpuLabWorkload: WorkloadProfile = {
  scenarios: [
    { name: 'typical', description: 'A term-time day.', classes: CLASSES },
    {
      name: 'deadline',
      description: 'Before a conference deadline: the labs submit twice as much training.',
      classes: CLASSES.map((c) => (c.queue === 'teaching' ? c : { ...c, arrivalsPerHour: scaled(c.arrivalsPerHour, 2) })),
    },
  ],
};
